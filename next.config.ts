import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native addon and PDF parser must be loaded by Node at run time, not bundled.
  serverExternalPackages: ["hnswlib-node", "pdf-parse"],
  poweredByHeader: false,
};

export default nextConfig;
