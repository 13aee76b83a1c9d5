import { FormControl, FormControlLabel, FormHelperText, Switch } from '@mui/material';
import type { ReactNode } from 'react';
import { useController, type Control, type FieldPath, type FieldValues } from 'react-hook-form';

export interface FormSwitchProps<TFieldValues extends FieldValues, TTransformedValues = TFieldValues> {
  control: Control<TFieldValues, unknown, TTransformedValues>;
  /** A boolean field of the form. */
  name: FieldPath<TFieldValues>;
  label: ReactNode;
  /** What the current setting means, shown under the switch. */
  helperText?: (checked: boolean) => ReactNode;
}

/** A labelled Switch bound to a boolean react-hook-form field (value, change and blur). */
export function FormSwitch<TFieldValues extends FieldValues, TTransformedValues = TFieldValues>({
  control,
  name,
  label,
  helperText,
}: FormSwitchProps<TFieldValues, TTransformedValues>) {
  const { field } = useController({ control, name });
  const checked = field.value === true;
  const toggle = (
    <FormControlLabel
      control={
        <Switch
          name={field.name}
          checked={checked}
          onChange={(event) => field.onChange(event.target.checked)}
          onBlur={field.onBlur}
          disabled={field.disabled}
        />
      }
      label={label}
    />
  );
  // Always in a FormControl, so that a switch with a meaning under it and one without line up.
  if (!helperText) return <FormControl>{toggle}</FormControl>;
  return (
    <FormControl>
      {toggle}
      <FormHelperText sx={{ mt: 0 }}>{helperText(checked)}</FormHelperText>
    </FormControl>
  );
}
