export * from './create-file-storage';
export * from './file-storage';
export * from './file-url-signer';
export * from './local-file-storage';
export * from './s3-file-storage';
export * from './storage-key';
