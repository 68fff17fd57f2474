import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { isApiError } from '../api/client';
import { Button } from './Button';
import { Dialog } from './Dialog';

interface FormDialogOptions<F, S> {
  open: boolean;
  onClose: () => void;
  /** the form's values each time the dialog opens */
  initial: () => F;
  save: (form: F) => Promise<S>;
  /** what a save makes stale, reloaded before the dialog closes so the page behind shows the change */
  invalidates: QueryKey;
  /** where a newly created thing is opened; absent when editing */
  openCreated?: (saved: S) => string;
}

/**
 * A dialog that creates or edits one thing (a sprint, a release): the form is filled once per
 * opening, saved in one request, and the server's messages are kept per field for the inputs.
 */
export function useFormDialog<F extends Record<string, string>, S>({
  open,
  onClose,
  initial,
  save,
  invalidates,
  openCreated,
}: FormDialogOptions<F, S>) {
  const [form, setForm] = useState<F>(initial);
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  useEffect(() => {
    if (open) setForm(initial());
    // Filled once per opening; a refresh behind the dialog must not overwrite what the user typed.
  }, [open]);

  const mutation = useMutation({
    mutationFn: () => save(form),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: invalidates });
      close();
      if (openCreated) navigate(openCreated(saved));
    },
  });
  const close = () => {
    mutation.reset();
    onClose();
  };
  const fields = isApiError(mutation.error) ? mutation.error.fields : {};
  return {
    open,
    form,
    mutation,
    close,
    /** the server's message per field, shown beside each input */
    fields,
    /** What ties an input to a field of the form: its value, its changes, the server's message about it. */
    bind: (field: keyof F & string) => ({
      value: form[field],
      onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setForm((f) => ({ ...f, [field]: e.target.value })),
      error: fields[field],
    }),
    submit: (e: FormEvent) => {
      e.preventDefault();
      mutation.mutate();
    },
  };
}

/**
 * The frame of a form dialog: a message the fields cannot show (a version conflict, in words
 * naming the thing), the fields, Cancel and the submit button.
 */
export function FormDialog({
  dialog,
  title,
  thing,
  submitLabel,
  children,
}: {
  dialog: Pick<ReturnType<typeof useFormDialog>, 'open' | 'close' | 'submit' | 'fields' | 'mutation'>;
  title: string;
  /** "sprint", "release": how the conflict message names what was being edited */
  thing: string;
  submitLabel: string;
  children: ReactNode;
}) {
  const { error, isPending } = dialog.mutation;
  const conflict = isApiError(error) && error.status === 409;
  return (
    <Dialog open={dialog.open} onClose={dialog.close} title={title} width={480}>
      <form className="stack" onSubmit={dialog.submit} noValidate>
        {error && Object.keys(dialog.fields).length === 0 && (
          <div className="form-error" role="alert">
            {conflict
              ? `Someone changed this ${thing} while you were editing. Close this and open it again to see their change.`
              : error.message}
          </div>
        )}
        {children}
        <div className="dialog-footer">
          <Button onClick={dialog.close}>Cancel</Button>
          <Button type="submit" variant="primary" busy={isPending}>
            {submitLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
