import { useEffect, useRef } from 'preact/hooks';

/**
 * A rendered email, as tall as its content (no inner scroll bar). The frame is sandboxed without scripts: the
 * email can run nothing (and the page's CSP allows no inline script anyway); `allow-same-origin` only lets
 * this page measure the frame's document, and follow it when the width changes (a phone turned sideways).
 */
export function EmailFrame({ title, html }: { title: string; html: string }) {
  const ref = useRef<HTMLIFrameElement>(null);
  useEffect(() => {
    const frame = ref.current;
    if (frame === null) return;
    let observer: ResizeObserver | undefined;
    const fitToContent = () => {
      const doc = frame.contentDocument;
      if (doc === null) return;
      frame.style.height = `${Math.ceil(doc.documentElement.scrollHeight) + 2}px`;
    };
    const onLoad = () => {
      fitToContent();
      const body = frame.contentDocument?.body;
      if (body && typeof ResizeObserver === 'function') {
        observer?.disconnect();
        observer = new ResizeObserver(fitToContent);
        observer.observe(body);
      }
    };
    frame.addEventListener('load', onLoad);
    if (frame.contentDocument?.readyState === 'complete') onLoad();
    return () => {
      frame.removeEventListener('load', onLoad);
      observer?.disconnect();
    };
  }, [html]);
  return <iframe ref={ref} title={title} sandbox="allow-same-origin" srcdoc={html} class="email fitted" />;
}
