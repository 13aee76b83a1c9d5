import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../testing/render';
import { SecretField } from './secret-field';

describe('SecretField', () => {
  it('masks a secret until Show, and Hide masks it again', async () => {
    const { user } = renderWithProviders(
      <SecretField label="Primary key" value="c2VjcmV0LWtleS12YWx1ZQ==" isSecret />,
    );
    const field = screen.getByLabelText('Primary key');
    expect(field).toHaveAttribute('type', 'password');
    expect(field).toHaveAttribute('readonly');

    await user.click(screen.getByRole('button', { name: 'Show Primary key' }));
    expect(field).toHaveAttribute('type', 'text');
    expect(field).toHaveValue('c2VjcmV0LWtleS12YWx1ZQ==');

    await user.click(screen.getByRole('button', { name: 'Hide Primary key' }));
    expect(field).toHaveAttribute('type', 'password');
  });

  it('copies the value, even while masked, and says so', async () => {
    const log = vi.spyOn(console, 'log');
    const { user } = renderWithProviders(
      <SecretField label="Primary key" value="c2VjcmV0LWtleS12YWx1ZQ==" isSecret />,
    );
    await user.click(screen.getByRole('button', { name: 'Copy Primary key' }));
    expect(await navigator.clipboard.readText()).toBe('c2VjcmV0LWtleS12YWx1ZQ==');
    expect(screen.getByRole('status')).toHaveTextContent('Primary key copied to the clipboard');
    expect(screen.getByLabelText('Primary key')).toHaveAttribute('type', 'password');
    expect(log).not.toHaveBeenCalled();
  });

  it('shows a value that is not secret, with no Show button', async () => {
    const { user } = renderWithProviders(<SecretField label="ID scope" value="0ne0012ABCD" />);
    expect(screen.getByLabelText('ID scope')).toHaveAttribute('type', 'text');
    expect(screen.queryByRole('button', { name: /Show/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Copy ID scope' }));
    expect(await navigator.clipboard.readText()).toBe('0ne0012ABCD');
  });

  it('tells the operator when the browser refuses the clipboard', async () => {
    const { user } = renderWithProviders(<SecretField label="Secondary key" value="abc" isSecret />);
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValueOnce(
      new DOMException('denied', 'NotAllowedError'),
    );
    await user.click(screen.getByRole('button', { name: 'Copy Secondary key' }));
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(/Could not copy the secondary key/),
    );
    expect(screen.getByRole('status')).toHaveTextContent('');
  });
});
