// Messages of one feature, English and French side by side; en.ts and fr.ts include them.
export const en = {
  // Pair oversight (at-risk pairs, end, rematch) ----------------------------------------------------
  'oversight.pairs.remind': 'Remind both',
  'oversight.pairs.end': 'End the pair',
  'oversight.pairs.rematch': 'Rematch',
  // Pair oversight end ----------------------------------------------------------------------------
} as const;

export const fr: Record<keyof typeof en, string> = {
  // Pair oversight (at-risk pairs, end, rematch) ----------------------------------------------------
  'oversight.pairs.remind': 'Relancer les deux',
  'oversight.pairs.end': 'Mettre fin au binôme',
  'oversight.pairs.rematch': 'Réapparier',
  // Pair oversight end ----------------------------------------------------------------------------
};
