/** French: dates typed and the refusals core sends as codes (see ui/errors.ts). */
export const frErrors = {
  'date.placeholder': 'jj/mm/aaaa',
  'date.invalid': 'Date invalide : jj/mm/aaaa, jj/mm ou j/m/aa',
};
