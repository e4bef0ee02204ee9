// Buffers live outside the JS heap: only the container's memory limit stops this.
const blocks = [];
for (;;) blocks.push(Buffer.alloc(16 << 20, 1));
