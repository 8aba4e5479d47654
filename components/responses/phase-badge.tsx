import { Badge } from '@/components/ui/badge';
import { phaseLabels } from '@/lib/format';
import type { Phase } from '@/lib/generated/prisma/enums';

const tones = { DRAFTING: 'neutral', OPEN: 'success', CLOSED: 'warning', FINAL: 'info' } as const;

/** Where the response is in its life, the same everywhere it is shown. */
export function PhaseBadge({ phase }: { phase: Phase }) {
  return <Badge tone={tones[phase]}>{phaseLabels[phase]}</Badge>;
}
