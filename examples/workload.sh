#!/bin/sh
# sysflow-rs example workload: execs, file I/O, a loopback TCP exchange, an exit code.
PATH=/usr/bin:/bin
export PATH
cd /tmp/sysflow-example
ls -l /etc/hostname > listing.txt
dd if=/dev/zero of=data.bin bs=4096 count=16 2>/dev/null
cat data.bin | wc -c > size.txt
/usr/bin/python3 -S -c '
import socket, threading
srv = socket.socket(); srv.bind(("127.0.0.1", 0)); srv.listen(1)
port = srv.getsockname()[1]
def serve():
    c, _ = srv.accept(); data = c.recv(1000)
    c.sendall(b"pong" * 75); c.close()
t = threading.Thread(target=serve); t.start()
cl = socket.create_connection(("127.0.0.1", port)); cl.sendall(b"ping" * 250)
got = b""
while len(got) < 300:
    chunk = cl.recv(300)
    if not chunk: break
    got += chunk
cl.close(); t.join(); srv.close()
'
sh -c 'exit 3'
echo "exit code $?" >> size.txt
rm -f data.bin
