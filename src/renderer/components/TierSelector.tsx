/** The tier the gates are judged at (base, first_sft, future, or the project's own). */
export function TierSelector({ tiers, value, onChange }: { tiers: readonly string[]; value: string; onChange: (tier: string) => void }): React.JSX.Element {
  return (
    <fieldset className="tier-selector">
      <legend>Tier</legend>
      {tiers.map((t) => (
        <label key={t} className={t === value ? 'selected' : undefined}>
          <input type="radio" name="tier" value={t} checked={t === value} onChange={() => onChange(t)} />
          {t}
        </label>
      ))}
    </fieldset>
  );
}
