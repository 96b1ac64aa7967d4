import { useRef } from 'preact/hooks';

/**
 * An email's HTML in a frame that grows to its content. Scripts never run in it (`sandbox` without
 * `allow-scripts`); `allow-same-origin` only lets this page read the frame's height once it has loaded.
 */
export function EmailFrame({ title, html }: { title: string; html: string }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const fit = () => {
    const element = frame.current;
    const height = element?.contentDocument?.documentElement.scrollHeight;
    if (element && height) element.style.height = `${height + 2}px`;
  };
  return (
    <iframe ref={frame} title={title} sandbox="allow-same-origin" srcdoc={html} class="email fitted" onLoad={fit} />
  );
}
