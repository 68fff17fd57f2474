import type { TRelease } from '@ordo/contract';
import { deliveryApi, deliveryKeys } from '../../api/delivery';
import { Field, TextAreaField } from '../../ui/Field';
import { FormDialog, useFormDialog } from '../../ui/FormDialog';

interface ReleaseDialogProps {
  open: boolean;
  onClose: () => void;
  productKey: string;
  /** the release to edit; a new one when absent */
  release?: TRelease;
}

/** New release (name, target date, what it is for), or changes to one. */
export function ReleaseDialog({ open, onClose, productKey, release }: ReleaseDialogProps) {
  const dialog = useFormDialog({
    open,
    onClose,
    initial: () =>
      release
        ? { name: release.name, targetDate: release.targetDate ?? '', description: release.description }
        : { name: '', targetDate: '', description: '' },
    save: (form) => {
      const input = { name: form.name, targetDate: form.targetDate || null, description: form.description };
      return release
        ? deliveryApi.updateRelease(release.id, { ...input, version: release.version })
        : deliveryApi.createRelease(productKey, input);
    },
    invalidates: deliveryKeys.all(productKey),
    openCreated: release ? undefined : (saved) => `/p/${productKey}/releases/${saved.id}`,
  });
  const { bind } = dialog;

  return (
    <FormDialog
      dialog={dialog}
      title={release ? `Edit ${release.name}` : 'New release'}
      thing="release"
      submitLabel={release ? 'Save' : 'Create release'}
    >
      <Field label="Name" autoFocus {...bind('name')} placeholder="2.0 — Wallets" />
      <Field label="Target date" type="date" {...bind('targetDate')} hint="The date promised. The forecast says how likely it is." />
      <TextAreaField label="What it delivers" rows={3} {...bind('description')} />
    </FormDialog>
  );
}
