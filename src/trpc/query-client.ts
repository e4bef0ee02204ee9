import { QueryClient } from "@tanstack/react-query";

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Pages render their data on the server; do not refetch it the moment they hydrate.
        staleTime: 30 * 1000,
        retry: (failureCount, error) => {
          const code = (error as { data?: { code?: string } }).data?.code;
          if (code === "NOT_FOUND" || code === "FORBIDDEN" || code === "UNAUTHORIZED" || code === "BAD_REQUEST") return false;
          return failureCount < 2;
        },
      },
    },
  });
}
