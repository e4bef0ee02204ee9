/** One filter of a list page's GET form: a labelled select whose first choice, "All", clears it. */
export function FilterSelect(props: {
  label: string;
  name: string;
  value: string | null | undefined;
  options: readonly { value: string; label: string }[];
}) {
  return (
    <label>
      {props.label}
      <select name={props.name} defaultValue={props.value ?? ""}>
        <option value="">All</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
