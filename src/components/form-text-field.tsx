import { TextField, type TextFieldProps } from '@mui/material';
import { useController, type Control, type FieldPath, type FieldValues } from 'react-hook-form';

export type FormTextFieldProps<TFieldValues extends FieldValues, TTransformedValues = TFieldValues> = Omit<
  TextFieldProps<'outlined'>,
  'variant' | 'name' | 'value' | 'defaultValue' | 'error' | 'inputRef' | 'onBlur'
> & {
  control: Control<TFieldValues, unknown, TTransformedValues>;
  name: FieldPath<TFieldValues>;
};

/**
 * A TextField bound to a react-hook-form field: its value, change, blur and ref (so an invalid submit
 * focuses it), with the field's error as the helper text in place of `helperText`. `onChange` runs after
 * the form has taken the new value.
 */
export function FormTextField<TFieldValues extends FieldValues, TTransformedValues = TFieldValues>({
  control,
  name,
  helperText,
  onChange,
  disabled,
  ...props
}: FormTextFieldProps<TFieldValues, TTransformedValues>) {
  const { field, fieldState } = useController({ control, name });
  return (
    <TextField
      {...props}
      name={field.name}
      value={field.value}
      onChange={(event) => {
        field.onChange(event);
        onChange?.(event);
      }}
      onBlur={field.onBlur}
      inputRef={field.ref}
      disabled={disabled ?? field.disabled}
      error={Boolean(fieldState.error)}
      helperText={fieldState.error?.message ?? helperText}
    />
  );
}
