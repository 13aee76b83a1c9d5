import { zodResolver } from '@hookform/resolvers/zod';
import { screen } from '@testing-library/react';
import { useForm } from 'react-hook-form';
import { describe, expect, it, vi } from 'vitest';
import { z } from '../lib/zod';
import { renderWithProviders } from '../testing/render';
import { FormTextField } from './form-text-field';

const schema = z.object({ name: z.string().min(3, 'At least 3 characters.') });
type Values = z.infer<typeof schema>;

function NameForm({ onChange, onSubmit }: { onChange?: (value: string) => void; onSubmit: () => void }) {
  const { control, handleSubmit, getValues } = useForm<Values>({
    resolver: zodResolver(schema),
    mode: 'onChange',
    defaultValues: { name: '' },
  });
  return (
    <form noValidate onSubmit={(event) => void handleSubmit(onSubmit)(event)}>
      <FormTextField
        control={control}
        name="name"
        label="Device name"
        required
        helperText="Up to 255 characters."
        onChange={() => onChange?.(getValues('name'))}
      />
      <button type="submit">Save</button>
    </form>
  );
}

describe('FormTextField', () => {
  it('shows the hint, the error in its place while the value is wrong, and the hint again', async () => {
    const { user } = renderWithProviders(<NameForm onSubmit={() => undefined} />);
    const field = screen.getByRole('textbox', { name: 'Device name' });
    expect(field).toHaveAccessibleDescription('Up to 255 characters.');
    expect(field).toBeRequired();

    await user.type(field, 'ab');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription('At least 3 characters.');

    await user.type(field, 'c');
    expect(field).toHaveAttribute('aria-invalid', 'false');
    expect(field).toHaveAccessibleDescription('Up to 255 characters.');
  });

  it('calls onChange once the form holds the new value', async () => {
    const onChange = vi.fn();
    const { user } = renderWithProviders(<NameForm onChange={onChange} onSubmit={() => undefined} />);
    await user.type(screen.getByRole('textbox', { name: 'Device name' }), 'ab');
    expect(onChange.mock.calls).toEqual([['a'], ['ab']]);
  });

  it('an invalid submit focuses the field and says why', async () => {
    const onSubmit = vi.fn();
    const { user } = renderWithProviders(<NameForm onSubmit={onSubmit} />);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const field = screen.getByRole('textbox', { name: 'Device name' });
    expect(field).toHaveFocus();
    expect(field).toHaveAccessibleDescription('At least 3 characters.');
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
