/** A file field of a multipart form, as handlers receive it in `request.body`. */
export interface UploadedFile {
  kind: 'file';
  filename: string;
  data: Buffer;
  /** True when the file went over MULTIPART_MAX_FILE_BYTES and was cut. */
  truncated: boolean;
}

/** Hard ceiling of one uploaded file; features apply their own, smaller limits. */
export const MULTIPART_MAX_FILE_BYTES = 10 * 1024 * 1024;

export function isUploadedFile(value: unknown): value is UploadedFile {
  return (
    typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'file'
  );
}

/** The file sent in `field`, or null when the person left the file input empty. */
export function uploadedFile(body: unknown, field: string): UploadedFile | null {
  const value = (body as Record<string, unknown> | undefined)?.[field];
  return isUploadedFile(value) && (value.data.length > 0 || value.truncated) ? value : null;
}
