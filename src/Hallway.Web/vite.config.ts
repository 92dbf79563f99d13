import { defineConfig } from "vite";
import preact from "@preact/preset-vite";

// The bundle goes into the server's wwwroot (generated, never committed), served from the same
// origin as the API: no CDN, no remote fonts, nothing fetched from anywhere else.
export default defineConfig({
  plugins: [preact()],
  build: {
    outDir: "../Hallway.Server/wwwroot",
    emptyOutDir: true,
    sourcemap: false,
    reportCompressedSize: true,
    target: "es2022",
  },
  server: {
    proxy: {
      "/api": "http://127.0.0.1:8000",
      "/ws": { target: "ws://127.0.0.1:8000", ws: true },
    },
  },
});
