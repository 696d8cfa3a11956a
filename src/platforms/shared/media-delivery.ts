import { isIP } from 'node:net';

/** Hosts the internet cannot reach: chat platforms could not fetch an image linked there. */
export function isPrivateUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, '');
  } catch {
    return true;
  }
  if (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host.endsWith('.local') ||
    host.endsWith('.internal')
  )
    return true;
  if (!host.includes('.') && isIP(host) === 0) return true;
  if (isIP(host) === 4) {
    const [a, b] = host.split('.').map(Number) as [number, number];
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (isIP(host) === 6)
    return host === '::1' || host.startsWith('fc') || host.startsWith('fd') || host.startsWith('fe80');
  return false;
}

/** Whether to attach the image file to the chat message instead of linking our storage's URL. */
export function shouldUpload(mode: 'auto' | 'link' | 'upload', imageUrl: string): boolean {
  if (mode === 'upload') return true;
  if (mode === 'link') return false;
  return isPrivateUrl(imageUrl);
}
