import QrCodeIcon from '@mui/icons-material/QrCode2';
import { Box, Button, Stack, Typography } from '@mui/material';
import { QRCodeSVG } from 'qrcode.react';
import { useState } from 'react';
import { connectionQrValue, type ConnectionInfo } from '../connection-info';

/** A QR code of the connection information. It carries the primary key, so it appears only on request. */
export function ConnectionQrCode(info: ConnectionInfo) {
  const [isShown, setIsShown] = useState(false);
  return (
    <Stack spacing={1} sx={{ alignItems: 'flex-start' }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Button
          variant="outlined"
          startIcon={<QrCodeIcon />}
          aria-expanded={isShown}
          onClick={() => setIsShown((shown) => !shown)}
        >
          {isShown ? 'Hide QR code' : 'Show QR code'}
        </Button>
        <Typography variant="caption" color="text.secondary">
          The QR code holds the ID scope, the device ID and the primary key (as JSON). Show it only to whoever
          sets up this device.
        </Typography>
      </Stack>
      {isShown && (
        <Box
          sx={{ p: 1.5, bgcolor: '#fff', borderRadius: 1, border: 1, borderColor: 'divider', lineHeight: 0 }}
        >
          <QRCodeSVG
            value={connectionQrValue(info)}
            size={176}
            level="M"
            role="img"
            aria-label={`QR code with the connection information of ${info.deviceId}`}
          />
        </Box>
      )}
    </Stack>
  );
}
