import { screen } from '@testing-library/react';
import { useForm } from 'react-hook-form';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../testing/render';
import { FormSwitch } from './form-switch';

interface Values {
  enabled: boolean;
}

function EnabledForm({ onSubmit }: { onSubmit: (values: Values) => void }) {
  const { control, handleSubmit } = useForm<Values>({ defaultValues: { enabled: true } });
  return (
    <form onSubmit={(event) => void handleSubmit(onSubmit)(event)}>
      <FormSwitch
        control={control}
        name="enabled"
        label="Enabled"
        helperText={(isEnabled) => (isEnabled ? 'Devices can connect.' : 'Devices cannot connect.')}
      />
      <button type="submit">Save</button>
    </form>
  );
}

describe('FormSwitch', () => {
  it('shows and changes the form value, with the helper text of the current setting', async () => {
    const onSubmit = vi.fn();
    const { user } = renderWithProviders(<EnabledForm onSubmit={onSubmit} />);
    const toggle = screen.getByRole('switch', { name: 'Enabled' });
    expect(toggle).toBeChecked();
    expect(screen.getByText('Devices can connect.')).toBeInTheDocument();

    await user.click(toggle);
    expect(toggle).not.toBeChecked();
    expect(screen.getByText('Devices cannot connect.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit).toHaveBeenCalledWith({ enabled: false }, expect.anything());
  });
});
