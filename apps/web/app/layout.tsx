import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

// Every page is rendered per request: its inline scripts carry that answer's CSP nonce.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'Sightline',
  description: 'Real-time website analytics with a behaviour-triggered assistant',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">{children}</body>
    </html>
  );
}
