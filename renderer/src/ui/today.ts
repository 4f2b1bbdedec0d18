/** Today as the page's clock says (tests install theirs), ISO `YYYY-MM-DD`. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
