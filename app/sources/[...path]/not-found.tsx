import Link from "next/link";

export default function SourceNotFound() {
  return (
    <main className="not-found-page">
      <div>
        <h1>Source not found</h1>
        <p className="muted">That file is not in the index.</p>
        <Link href="/">Back to chat</Link>
      </div>
    </main>
  );
}
