import { ApiError } from './api.ts';
import { describeError } from './labels.ts';

/**
 * One tile of the dashboard with its three states: loading (an overlay over what was there),
 * error (what went wrong, in words, and a retry button) and ready. `data-state` on the element
 * tells the browser test (and CSS) which one it is in.
 */
export class Panel {
  readonly #status: HTMLElement;
  #controller: AbortController | null = null;

  constructor(readonly element: HTMLElement) {
    const status = element.querySelector<HTMLElement>('.panel-status');
    if (!status) throw new Error(`panel #${element.id} has no .panel-status`);
    this.#status = status;
  }

  /**
   * Runs `load` as this panel's current request: a newer call aborts an older one, so a slow
   * answer to an old filter never overwrites a newer one.
   */
  async run(load: (signal: AbortSignal) => Promise<void>, retry: () => void): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.element.dataset.state = 'loading';
    this.#status.replaceChildren(Object.assign(document.createElement('div'), { className: 'spinner', textContent: '加载中…' }));
    try {
      await load(controller.signal);
      if (controller.signal.aborted) return;
      this.element.dataset.state = 'ready';
      this.#status.replaceChildren();
    } catch (error) {
      if (controller.signal.aborted) return;
      this.element.dataset.state = 'error';
      const message = error instanceof ApiError ? describeError(error.code, error.message) : `出错了：${error instanceof Error ? error.message : String(error)}`;
      const box = document.createElement('div');
      box.className = 'panel-error';
      box.setAttribute('role', 'alert');
      const text = document.createElement('p');
      text.textContent = message;
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = '重试';
      button.addEventListener('click', retry);
      box.append(text, button);
      this.#status.replaceChildren(box);
    }
  }

  /** Back to the empty state (no token yet). */
  idle(message: string): void {
    this.#controller?.abort();
    this.element.dataset.state = 'idle';
    this.#status.replaceChildren(Object.assign(document.createElement('div'), { className: 'panel-idle', textContent: message }));
  }
}
