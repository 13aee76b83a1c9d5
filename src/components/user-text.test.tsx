import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { UserText } from './user-text';

describe('UserText', () => {
  it('isolates the text and shows a right-to-left override as a visible mark', () => {
    const { container } = render(
      <p>
        Device <UserText text={'Contoso \u202Etxt.exe'} /> created.
      </p>,
    );
    expect(screen.getByText(/Device/)).toHaveTextContent('Device Contoso ⟨U+202E⟩txt.exe created.');
    const bdi = container.querySelector('bdi');
    expect(bdi?.textContent).toBe('Contoso ⟨U+202E⟩txt.exe');
    expect(container.textContent).not.toContain('\u202E');
  });

  it('cuts long text and keeps the whole value in the title', () => {
    const id = 'x'.repeat(50_000);
    const { container } = render(<UserText text={id} maxLength={80} />);
    const bdi = container.querySelector('bdi');
    expect(bdi?.textContent).toBe(`${'x'.repeat(80)}…`);
    expect(bdi?.getAttribute('title')).toBe(id);
  });

  it('renders plain text as it is, with no title', () => {
    const { container } = render(<UserText text="Pump 1" maxLength={80} />);
    expect(container.innerHTML).toMatch(/^<bdi class="[^"]+">Pump 1<\/bdi>$/);
  });
});
