/** What a section says after an action: a status for what worked, an alert for what didn't. */
export type Said = { text: string; error: boolean } | null;

export const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function SaidLine({ said, id }: { said: Said; id: string }) {
  return (
    <>
      <p className="said" role="status" data-testid={`${id}-status`}>{said && !said.error ? said.text : ""}</p>
      {said?.error && <p className="error" role="alert" data-testid={`${id}-error`}>{said.text}</p>}
    </>
  );
}
