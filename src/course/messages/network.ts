// kubelings' own words: network. Every key in both languages (the type keeps zh complete).
export const en = {
}

export const zh: Record<keyof typeof en, string> = {
}
