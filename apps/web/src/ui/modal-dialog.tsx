import { useEffect, useId, useRef, type ReactElement, type ReactNode } from 'react';

interface ModalDialogProps {
  title: string;
  /** Escape and the close event are refused while this is false. */
  dismissible?: boolean;
  onDismiss: () => void;
  /** Runs once the dialog has closed and the browser has put focus back on its opener. */
  afterClose?: () => void;
  className?: string;
  children: ReactNode;
}

/**
 * A native modal <dialog>: the browser traps focus inside it and returns focus to
 * the element that opened it when it closes. It is open for as long as it is rendered;
 * the element marked `data-autofocus` gets the focus first.
 */
export function ModalDialog({
  title,
  dismissible = true,
  onDismiss,
  afterClose,
  className,
  children,
}: ModalDialogProps): ReactElement {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const state = useRef({ dismissible, onDismiss, afterClose });
  state.current = { dismissible, onDismiss, afterClose };

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    const onCancel = (event: Event): void => {
      event.preventDefault();
      if (state.current.dismissible) state.current.onDismiss();
    };
    // Some browsers close without a cancelable cancel event (a second Escape): reopen.
    const onClose = (): void => {
      if (state.current.dismissible) state.current.onDismiss();
      else dialog.showModal();
    };
    dialog.addEventListener('cancel', onCancel);
    dialog.addEventListener('close', onClose);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      dialog.removeEventListener('close', onClose);
      if (dialog.open) dialog.close();
      state.current.afterClose?.();
    };
  }, []);

  return (
    <dialog ref={ref} aria-labelledby={titleId} className={className ? `dialog ${className}` : 'dialog'}>
      <h2 id={titleId} className="dialog__title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
