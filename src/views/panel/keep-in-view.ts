/**
 * Scrolls `el` into view inside each of its scrolling ancestors up to (not including) the page,
 * by setting their scrollTop: unlike scrollIntoView, the page itself never moves.
 */
export function keepInView(el: HTMLElement, margin = 4): void {
  for (let box = el.parentElement; box && box !== document.body && box !== document.documentElement; box = box.parentElement) {
    const style = getComputedStyle(box);
    if (!/(auto|scroll)/.test(style.overflowY) || box.scrollHeight <= box.clientHeight) continue;
    const r = el.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    if (r.bottom > b.bottom - margin) box.scrollTop += r.bottom - b.bottom + margin;
    else if (r.top < b.top + margin) box.scrollTop -= b.top + margin - r.top;
  }
}
