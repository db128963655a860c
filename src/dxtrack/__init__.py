"""dxtrack — theo dõi thực hiện Công văn 380-CV/ĐU trong một kho Git văn bản thuần."""

__version__ = "0.2.0"
