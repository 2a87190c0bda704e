import type { Ctx } from '../context.js';
import { listen } from '../dom.js';

/** Form submissions: which form, never what was typed into it. */
export function captureForms(ctx: Ctx): void {
  listen('submit', (event) => {
    const form = event.target as HTMLFormElement;
    ctx._emit('form_submit', {
      formId: form.id,
      formName: form.getAttribute('name'),
      formAction: form.action,
      fields: form.elements.length,
    });
  });
}
