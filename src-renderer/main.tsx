import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApi } from './api/client.js';
import { detectTransport } from './api/transport.js';
import { App } from './components/app.js';
import { setupMonaco } from './monaco/setup.js';
import { createAppStore } from './state/app-store.js';
import { StoreProvider } from './state/store-context.js';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
try {
  setupMonaco();
  const store = createAppStore(createApi(detectTransport()));
  root.render(
    <StrictMode>
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    </StrictMode>,
  );
} catch (err) {
  root.render(<div className="error" role="alert">{err instanceof Error ? err.message : String(err)}</div>);
}
