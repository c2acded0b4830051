import { randomUUID } from 'node:crypto';

export const hex = () => randomUUID().replaceAll('-', '');
