import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { renderRoute } from '../testing/render';
import { RouteErrorBoundary } from './route-error';

function Broken(): never {
  throw new Error('The template list is not an array.');
}

describe('Route errors', () => {
  it('says there is no page at an unknown address, with a way back to Devices', async () => {
    renderRoute('/no-such-page');
    expect(await screen.findByText('There is no page at this address.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to Devices' })).toHaveAttribute('href', '/devices');
  });

  it('shows what a page threw instead of a blank screen, and clears it on the next page', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { rerender } = render(
      <RouteErrorBoundary resetKey="/devices/a">
        <Broken />
      </RouteErrorBoundary>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('The template list is not an array.');
    rerender(
      <RouteErrorBoundary resetKey="/devices">
        <p>Devices</p>
      </RouteErrorBoundary>,
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByText('Devices')).toBeInTheDocument();
  });

  it('asks for a reload when a page’s code cannot be fetched', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    function Unloadable(): never {
      throw new TypeError('Failed to fetch dynamically imported module: /assets/simulator-page.js');
    }
    render(
      <RouteErrorBoundary resetKey="/simulator">
        <Unloadable />
      </RouteErrorBoundary>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('This page could not be loaded. Check your connection, then reload the page.');
  });
});
