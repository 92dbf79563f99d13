/**
 * A QR code the server drew (an SVG document, black on white), shown as an image from a data:
 * URL: never inserted as markup, so nothing in it can run or style the page.
 */
export function QrImage({ svg, alt, size = 200 }: { svg: string; alt: string; size?: number }) {
  return <img class="qr" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} alt={alt} width={size} height={size} />;
}
