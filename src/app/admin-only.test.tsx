import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderRoute } from '../testing/render';
import { setRole } from './role';

describe('Administration routes by role', () => {
  afterEach(() => setRole('administrator'));

  it('tell an Operator they are for administrators, and offer the switch in the demo', async () => {
    setRole('operator');
    const { user } = renderRoute('/admin/device-connection');
    expect(await screen.findByText('Administrators only')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Device connection' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Switch to Administrator' }));
    expect(await screen.findByRole('heading', { name: 'Device connection', level: 1 })).toBeInTheDocument();
  });

  it('let an Operator work on Devices', async () => {
    setRole('operator');
    renderRoute('/devices');
    expect(await screen.findByText('thermostat-0001')).toBeInTheDocument();
  });
});
