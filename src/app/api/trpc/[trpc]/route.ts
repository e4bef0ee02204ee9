import { handleTRPCRequest } from "@/server/api/http-handler";
import { createTRPCContext } from "@/server/api/trpc";

const handler = (req: Request) => handleTRPCRequest(req, (headers) => createTRPCContext({ headers }));

export { handler as GET, handler as POST };
