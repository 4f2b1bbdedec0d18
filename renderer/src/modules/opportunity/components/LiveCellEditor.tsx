import type { CustomCellEditorProps } from 'ag-grid-react';
import { useEffect, useRef, useState } from 'react';
import type { OpportunityLine } from '../../../../../electron/shared/contract';
import type { LineEditing } from '../hooks/use-line-editing';
import type { EditableField } from '../line-edit';

export type LiveEditorParams = { field: EditableField; edit: { current: LineEditing | null } };
type Props = CustomCellEditorProps<OpportunityLine, unknown> & LiveEditorParams;

/**
 * The text editor of a line cell that reports every keystroke, so the line, the totals and the
 * guard are recomputed while the trader types. The grid hands the text as typed to the value
 * setter on Enter; Esc leaves everything as it was.
 */
export function LiveCellEditor(props: Props) {
  const { field, edit, data, eventKey, initialValue, formatValue, onValueChange } = props;
  const typed = eventKey !== null && eventKey !== undefined && eventKey.length === 1;
  const [text] = useState(() => (typed ? eventKey : String(formatValue(initialValue) ?? '')));
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    onValueChange(text);
    if (typed) edit.current?.setDraft({ lineId: data.id, field, text });
    const box = input.current!;
    box.focus();
    if (typed) box.setSelectionRange(box.value.length, box.value.length);
    else box.select();
    return () => edit.current?.endDraft();
    // once, when the editor opens
  }, []);

  return (
    <input
      ref={input}
      className="ag-input-field-input ag-text-field-input live-editor"
      aria-label={props.colDef.headerName ?? field}
      defaultValue={text}
      maxLength={40}
      onChange={(e) => {
        onValueChange(e.target.value);
        edit.current?.setDraft({ lineId: data.id, field, text: e.target.value });
      }}
    />
  );
}
