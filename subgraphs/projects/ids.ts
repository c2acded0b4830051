import { randomUUID } from 'node:crypto';

/** 32 random hex digits (a UUID without dashes): new programme, challenge and award ids take their unique part from it. */
export const hex = () => randomUUID().replaceAll('-', '');
