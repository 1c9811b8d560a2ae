import Link from "next/link";

export default function NotFound() {
  return (
    <main className="not-found-page">
      <div>
        <h1>Page not found</h1>
        <p className="muted">There is nothing at this address.</p>
        <Link href="/">Back to chat</Link>
      </div>
    </main>
  );
}
