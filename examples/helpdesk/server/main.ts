import { createHelpdesk } from "./app";

const port = Number(process.env.PORT ?? 3000);
const { http, io } = createHelpdesk();
http.listen(port, "127.0.0.1", () => console.log(`helpdesk on http://127.0.0.1:${port}`));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    io.close();
    // The pages' HTTP connections stay open between requests; close would wait for each of them.
    http.closeAllConnections();
    http.close(() => process.exit(0));
  });
}
