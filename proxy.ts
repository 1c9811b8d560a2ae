import { NextResponse, type NextRequest } from "next/server";

/**
 * Source-viewer URLs with broken percent-encoding ("%ff", "%c0%af") make Next.js
 * itself throw while decoding the path; answer them with a plain 400 instead.
 */
export function proxy(request: NextRequest) {
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return new NextResponse("Bad request: malformed URL encoding.", { status: 400 });
  }
  return NextResponse.next();
}

export const config = { matcher: "/sources/:path*" };
