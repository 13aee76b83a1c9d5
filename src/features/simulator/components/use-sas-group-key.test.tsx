import { screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { store } from '../../../mocks/node';
import { DEFAULT_SAS_GROUP_ID } from '../../../mocks/store/seed';
import { renderWithProviders } from '../../../testing/render';
import { GroupKeyFields } from './group-key-fields';
import { useSasGroupKey } from './use-sas-group-key';

/** A panel in small: it keeps the group key, the hook does the rest. */
function Harness() {
  const [groupKey, setGroupKey] = useState('');
  const sasGroupKey = useSasGroupKey(groupKey, setGroupKey);
  return (
    <>
      <GroupKeyFields {...sasGroupKey} />
      <output aria-label="Key the panel holds">{groupKey}</output>
    </>
  );
}

function primaryKeyOf(id: string): string {
  const group = store.groups.get(id);
  if (group?.attestation.type !== 'symmetricKey') throw new Error(`${id} is not a SAS group`);
  return group.attestation.primaryKey;
}

describe('useSasGroupKey', () => {
  it('offers the SAS groups only, starts with the first, and fetches the key of the group picked', async () => {
    store.groups.set('fleet-b', {
      id: 'fleet-b',
      displayName: 'Fleet B',
      enabled: true,
      type: 'iot',
      etag: 'e1',
      attestation: { type: 'symmetricKey', primaryKey: 'AAECAwQFBgcICQoLDA0ODw==', secondaryKey: 'DwAB' },
    });
    store.groups.set('x509', {
      id: 'x509',
      displayName: 'X.509 devices',
      enabled: true,
      type: 'iot',
      etag: 'e2',
      attestation: { type: 'x509' },
    });
    const { user } = renderWithProviders(<Harness />);
    const held = screen.getByRole('status', { name: 'Key the panel holds' });
    const useKey = screen.getByRole('button', { name: "Use the group's primary key" });

    const select = screen.getByRole('combobox', { name: 'Enrollment group' });
    // The first SAS group, once the groups have loaded.
    await waitFor(() => expect(select).toHaveTextContent('SAS-IoT-Devices'));
    await user.click(useKey);
    expect(held).toHaveTextContent(primaryKeyOf(DEFAULT_SAS_GROUP_ID));

    await user.click(select);
    const options = within(screen.getByRole('listbox')).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['SAS-IoT-Devices', 'Fleet B']);
    await user.click(screen.getByRole('option', { name: 'Fleet B' }));
    expect(select).toHaveTextContent('Fleet B');
    await user.click(useKey);
    expect(held).toHaveTextContent('AAECAwQFBgcICQoLDA0ODw==');

    await user.clear(screen.getByLabelText('Group key'));
    await user.type(screen.getByLabelText('Group key'), 'cGFzdGVk');
    expect(held).toHaveTextContent('cGFzdGVk');
    expect(select).toHaveTextContent('Fleet B');
  });
});
