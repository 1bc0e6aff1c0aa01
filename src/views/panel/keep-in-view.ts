/**
 * Scrolls `el` into view inside its nearest scrolling ancestor (the event log's own list), by
 * setting its scrollTop: unlike scrollIntoView, neither the page nor the side panel moves, so
 * the tour's narration above the log stays where the presenter left it.
 */
export function keepInView(el: HTMLElement, margin = 4): void {
  for (let box = el.parentElement; box && box !== document.body && box !== document.documentElement; box = box.parentElement) {
    const style = getComputedStyle(box);
    if (!/(auto|scroll)/.test(style.overflowY) || box.scrollHeight <= box.clientHeight) continue;
    const r = el.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    if (r.bottom > b.bottom - margin) box.scrollTop += r.bottom - b.bottom + margin;
    else if (r.top < b.top + margin) box.scrollTop -= b.top + margin - r.top;
    return;
  }
}
