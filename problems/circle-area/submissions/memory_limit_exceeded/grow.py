blocks = []
while True:
    blocks.append(bytearray(b"x") * (8 << 20))  # 8 MiB, every byte written
