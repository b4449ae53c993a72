import { ApiError } from '../shell/api.ts';
import { ensureSession } from '../shell/session.ts';

export interface Uploaded {
  id: string;
  fileName: string;
  url: string;
}

/** One upload with progress (XHR: fetch has no upload progress); rejects with the server's message. */
export async function uploadFile(
  file: File,
  lang: string,
  onProgress: (share: number) => void,
): Promise<Uploaded> {
  const session = await ensureSession();
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/attachments');
    xhr.setRequestHeader('authorization', `Bearer ${session.token}`);
    xhr.setRequestHeader('accept-language', lang);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', navigator.onLine ? 'network error' : 'offline'));
    xhr.onload = () => {
      let body: { error?: { code: string; message: string } } & Partial<Uploaded> = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // a proxy's HTML error page
      }
      if (xhr.status === 201 && body.id) resolve(body as Uploaded);
      else
        reject(
          new ApiError(xhr.status, body.error?.code ?? 'internal', body.error?.message ?? xhr.statusText),
        );
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
