//! HL7 over MLLP (TCP, one frame per message).

use std::sync::Arc;

use izmsg::er7;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use super::{MAX_REQUEST, Registry};

/// Answers MLLP frames on `listener`.
pub async fn serve(listener: TcpListener, registry: Arc<Registry>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        tokio::spawn(connection(stream, registry.clone()));
    }
}

async fn connection(mut stream: TcpStream, registry: Arc<Registry>) {
    let mut deframer = er7::mllp::Deframer::new(MAX_REQUEST);
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        deframer.push(buf.get(..n).unwrap_or_default());
        // Bounded: each frame taken out shortens the deframer's buffer.
        loop {
            match deframer.next_frame() {
                Ok(er7::mllp::Frame::Message(message)) => {
                    if registry.drop_connection {
                        eprintln!("mllp: dropped");
                        return;
                    }
                    if !registry.delay.is_zero() {
                        tokio::time::sleep(registry.delay).await;
                    }
                    let answer = registry.receive(&message);
                    eprintln!("mllp: answered");
                    if stream
                        .write_all(&er7::mllp::frame(answer.as_bytes()))
                        .await
                        .is_err()
                    {
                        return;
                    }
                }
                Ok(er7::mllp::Frame::Partial) => break,
                Err(_) => return,
            }
        }
    }
}
