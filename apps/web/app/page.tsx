export default function Home() {
  return (
    <main className="mx-auto max-w-3xl px-6 py-16">
      <h1 className="text-3xl font-semibold tracking-tight">Sightline</h1>
      <p className="mt-3 text-slate-600">
        Real-time website analytics with a behaviour-triggered assistant.
      </p>
    </main>
  );
}
