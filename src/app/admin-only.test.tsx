import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderRoute } from '../testing/render';
import { setRole } from './role';

describe('Administration routes by role', () => {
  afterEach(() => setRole('administrator'));

  it('tell an Operator they are for administrators, and offer the switch in the demo', async () => {
    setRole('operator');
    const { user } = renderRoute('/admin/device-connection');
    expect(await screen.findByRole('alert')).toHaveTextContent('Administrators only');
    expect(screen.queryByRole('heading', { name: 'Device connection' })).not.toBeInTheDocument();
    // The navigation shows Administration closed, with the reason, rather than links to this page.
    const navigation = screen.getByRole('navigation', { name: 'Main' });
    expect(within(navigation).queryByRole('link', { name: /Device connection/ })).not.toBeInTheDocument();
    expect(within(navigation).getAllByText('Administrators only')).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: 'Switch to Administrator' }));
    expect(await screen.findByRole('heading', { name: 'Device connection', level: 1 })).toBeInTheDocument();
    expect(within(navigation).getByRole('link', { name: 'Device connection' })).toBeInTheDocument();
  });

  it('let an Operator work on Devices', async () => {
    setRole('operator');
    renderRoute('/devices');
    expect(await screen.findByText('thermostat-0001')).toBeInTheDocument();
  });
});
