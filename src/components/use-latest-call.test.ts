import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useLatestCall } from './use-latest-call';

describe('useLatestCall', () => {
  it('delivers only the latest call: an overtaken one resolves to undefined', async () => {
    const pending = new Map<string, (value: string) => void>();
    const read = (name: string) => new Promise<string>((resolve) => pending.set(name, resolve));
    const { result } = renderHook(() => useLatestCall(read));
    const first = result.current('big.pem');
    const second = result.current('small.pem');
    pending.get('small.pem')?.('verdict on small.pem');
    pending.get('big.pem')?.('verdict on big.pem');
    expect(await second).toBe('verdict on small.pem');
    expect(await first).toBeUndefined();
  });
});
