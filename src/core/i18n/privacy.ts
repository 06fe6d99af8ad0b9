// Messages of one feature, English and French side by side; en.ts and fr.ts include them.
export const en = {
} as const;

export const fr: Record<keyof typeof en, string> = {
};
