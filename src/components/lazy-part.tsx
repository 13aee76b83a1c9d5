import { lazy, Suspense, type ComponentType } from 'react';

/**
 * A component whose code loads the first time it renders, rendering nothing until then. The build gives these
 * to MUI X DataGrid for the parts it never renders on the first load (scripts/vite/lazy-grid-parts.js).
 * Props, the ref included (a plain prop in React 19), pass through to the real component.
 */
export function lazyPart<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): ComponentType<P> {
  const Part = lazy(load);
  function LazyPart(props: P) {
    return (
      <Suspense fallback={null}>
        <Part {...props} />
      </Suspense>
    );
  }
  return LazyPart;
}
