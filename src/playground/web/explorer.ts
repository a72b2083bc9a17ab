import './explorer.css';
document.getElementById('root')!.textContent = 'explorer';
